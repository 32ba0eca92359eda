"""Report: what is done with findings besides formatting them (suppressions, baseline, summary, source lines, the corpus table)."""
