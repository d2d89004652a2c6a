from .cli import main

main(prog="python -m synthetic")
