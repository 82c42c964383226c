"""Qt desktop client: main window, views, item models, dialogs and workers."""
