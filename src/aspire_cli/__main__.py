from aspire_cli.cli.launcher import main

main()
