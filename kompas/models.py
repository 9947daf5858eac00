"""Models follow with the subsidy engine and the compass."""
