"""One module per subcommand: ``add_parser(subparsers)`` declares it, ``run(args)`` does it."""
