# The release, as in pyproject.toml; fetched pages are requested under this name.
__version__ = "1.0.0"
