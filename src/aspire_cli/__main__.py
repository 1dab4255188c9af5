from aspire_cli.launcher import main

main()
