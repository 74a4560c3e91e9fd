// SPDX-License-Identifier: GPL-2.0
/*
 * xen-pciback: one guest's backend struct outlives its xenbus device
 * while an error-recovery step still asks the guest through it; the last
 * reference frees it.
 */
#include <linux/slab.h>

#include "backend.h"

static void xpb_backend_free(struct kref *ref)
{
	kfree(container_of(ref, struct xpb_backend, ref));
}

/**
 * xpb_backend_put() - drop a reference to a backend
 * @be: the backend; freed with the last reference
 */
void xpb_backend_put(struct xpb_backend *be)
{
	kref_put(&be->ref, xpb_backend_free);
}
