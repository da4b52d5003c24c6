"""`python -m app.cli`: the `medtour` command line."""
from app.cli import main

raise SystemExit(main())
