"""One BLAS thread per process unless the user says otherwise; imported before NumPy.

parley's matrix products are small (a document's sentences at a time) and its
parallelism is processes, one per core: several BLAS threads per process only fight over
the cores (three times slower when another process is busy). A user who wants otherwise
sets the variables before importing parley.
"""

import os

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
