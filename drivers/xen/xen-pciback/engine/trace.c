// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the trace events' definitions (one object must
 * create them; the rooms that fire them include the header only).
 */
#include "internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/xen_pciback_cfg.h>
