"""Never lose a lead, never leak one: backups, restore, checks, erasure, personal-data export,
consent and the app lock's passphrase. Qt-free; the GUI pieces live in app/ui/, the CLI in
`app.cli.safety`."""
