"""Configuration: the settings of a run, and the configuration files they come from (cli, API and LSP alike)."""
