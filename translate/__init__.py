"""translate: offline German→English translation and bilingual alignment.

The pipeline reads top-down, one module per job:
read → normalise → segment → flag → translate → align → write.
One record type, :class:`translate.record.SegmentPair`, travels through it.
"""

__version__ = "0.1.0"
