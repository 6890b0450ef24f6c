"""Templates, scripts and styles of the interactive graph (``kg export html``); data only."""
