"""The site the load benchmarks serve (bench/load.py, bench/lists.py): the application's own
URLs and settings with production switches, plus a bare reference view to compare against."""
