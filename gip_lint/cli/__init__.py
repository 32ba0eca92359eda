"""The command line: argument parsing (in Chinese), the commands, exit codes."""
