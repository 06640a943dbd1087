"""Pure builders of what the page shows: functions of the network and a filter state."""
