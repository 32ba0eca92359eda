"""Run: plugins, the linter over one report, the runner over files (worker processes, a Dask cluster, the time limit, the result cache), year-over-year pairing."""
