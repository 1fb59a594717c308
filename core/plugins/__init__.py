"""pyblish plugin files shared by every host; discovery runs each file, nothing imports them.

Order table (pyblish stage ± 0.5):

=========  ========================================================
0          collect: ``CollectPublishables`` (instances from the host)
0.49       ``CheckPublishData``: the typed contract, last collector
1          validate: ``ValidateRepresentationFiles``
1.1        ``ValidateInstances``: representations, name lengths, shared folders
1.2        ``ValidateFtrackContext``: tasks, asset types, status, existing assets
2          extract: host extractors
3 to 3.49  integrate: reserved for ftpub's ftrack integration
=========  ========================================================
"""
