#!/usr/bin/python3
"""Reads a survey that 'bin/explain seismic generate' wrote with segyio (Debian's python3-segyio) and compares
every inline with what 'bin/explain seismic slice' wrote, so the writer and the reader are both checked
against an independent implementation.

    bin/explain seismic generate --out /tmp/seis
    for i in $(seq 100 119); do bin/explain seismic slice --segy /tmp/seis/survey.sgy --inline $i --out /tmp/seis/il$i.npy; done
    /usr/bin/python3 scripts/check-survey-with-segyio.py /tmp/seis
"""
import sys
from pathlib import Path

import numpy as np
import segyio

root = Path(sys.argv[1])
with segyio.open(str(root / "survey.sgy")) as f:
    same = 0
    for il in f.ilines:
        ours = np.load(root / f"il{il}.npy")
        same += int(np.array_equal(f.iline[il].astype(np.float32), ours))
    print(f"{same} of {len(f.ilines)} inlines equal segyio's, bit for bit; sorting {f.sorting}, {len(f.xlines)} crosslines, "
          f"{len(f.samples)} samples")
