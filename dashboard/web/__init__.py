"""The Dash layer: the app, its page, its components and its callbacks, split by feature."""
