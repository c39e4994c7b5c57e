"""What postings, enterprises and programmes are matched with; re-matching after a retrain."""
