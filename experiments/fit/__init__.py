"""The ``neuralmip fit`` stage."""
