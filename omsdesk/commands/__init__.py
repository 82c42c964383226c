"""CLI sub-commands: each module registers its parsers and translates arguments into service calls."""
