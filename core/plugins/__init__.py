"""pyblish plugin files shared by every host; discovery runs each file, nothing imports them.

Order table (pyblish stage ± 0.5):

=========  ========================================================
0          collect: ``CollectPublishables`` (instances from the host)
0.1        ``CollectWorkfile`` (target ``local``: a publish from the open scene)
0.2        ``CollectShotAttributes`` (local): the shot's frame range and fps in ftrack
0.49       ``CheckPublishData``: the typed contract, last collector
1          validate: ``ValidateRepresentationFiles``; ``ValidateSceneSaved`` (local)
1.1        ``ValidateInstances``: representations, name lengths, shared folders;
           ``ValidateReviewMedia``: what review extraction needs;
           ``ValidateFrameRange``, ``ValidateFps`` (local)
1.2        ``ValidateFtrackContext``: tasks, asset types, status, existing assets
2          extract: host extractors
3 to 3.49  integrate: reserved for ftpub's ftrack integration
=========  ========================================================
"""
