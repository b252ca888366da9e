"""The web workspace's static files (stylesheet, htmx), served under /static. A package only so
that every folder of assembler is one (tests/project/test_architecture.py)."""
