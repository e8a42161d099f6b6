#pragma once
// OpenBLAS thread count, set at run time when OpenBLAS is the BLAS in use
// (found with dlsym, so other BLAS builds still link and run).
namespace om::vision {
// Returns false when the loaded BLAS has no such control.
bool set_blas_threads(int n);
}
