"""icpkit: a top-down go-to-market plan from a company's own CRM data."""

from icpkit.errors import ConfigError, IcpkitError, InputError, Problem

__all__ = ["ConfigError", "IcpkitError", "InputError", "Problem", "__version__"]

__version__ = "0.1.0"
