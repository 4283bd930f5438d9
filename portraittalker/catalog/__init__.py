"""The results catalog: summary.csv, a paper-style metrics table and a static index.html.

`build.build_catalog(results, manifest, out)` gathers what a batch produced (`collect`),
tabulates the metrics (`tables`) and renders one offline HTML page (`page`).
"""
