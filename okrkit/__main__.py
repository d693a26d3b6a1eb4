import sys

from okrkit.cli import main

sys.exit(main())
