// SPDX-License-Identifier: GPL-2.0
/*
 * Config-space engine: the administrator's switches (permissive, global
 * and per device; interrupt control; device-specific registers) as the
 * rules read them.  Setting the device-specific switch rebuilds the map,
 * so it lives with the life cycle in core.c.
 */
#include "internal.h"

static bool cfgv_global_perm;

/**
 * cfgv_set_global_permissive() - set the permissive switch for all devices
 * @on: true to let guests write protected pass-through bits
 *
 * The driver calls this from its module parameter.  Emulated and hidden
 * bits, and the bits only a quirk opens, stay protected either way.
 */
void cfgv_set_global_permissive(bool on)
{
	WRITE_ONCE(cfgv_global_perm, on);
}

/**
 * cfgv_global_permissive() - read the global permissive switch
 *
 * Return: its current value.
 */
bool cfgv_global_permissive(void)
{
	return READ_ONCE(cfgv_global_perm);
}

/**
 * cfgv_permissive() - is a device in permissive mode
 * @dev: the device
 *
 * Return: true if the device or the global switch is permissive.
 */
bool cfgv_permissive(const struct cfgv_dev *dev)
{
	return READ_ONCE(dev->permissive) || cfgv_global_permissive();
}

/**
 * cfgv_set_permissive() - set or revoke per-device permissive mode
 * @dev: the device
 * @on: new state; takes effect from the next access
 */
void cfgv_set_permissive(struct cfgv_dev *dev, bool on)
{
	WRITE_ONCE(dev->permissive, on);
}

/**
 * cfgv_set_interrupt_control() - set or revoke allow_interrupt_control
 * @dev: the device
 * @on: let the guest write INTx-disable, MSI and MSI-X enable and MSI-X
 *	mask-all to the hardware (one interrupt type at a time); when off,
 *	INTx-disable is virtual and the enables are refused
 */
void cfgv_set_interrupt_control(struct cfgv_dev *dev, bool on)
{
	WRITE_ONCE(dev->irq_ctl, on);
}

/**
 * cfgv_device_specific() - are a device's device-specific registers open
 * @dev: the device
 *
 * Return: true if the guest may write them (cfgv_set_device_specific()).
 */
bool cfgv_device_specific(const struct cfgv_dev *dev)
{
	return !READ_ONCE(dev->devspec_closed);
}

/**
 * cfgv_interrupt_control() - read the allow_interrupt_control switch
 * @dev: the device
 *
 * Return: its current value.
 */
bool cfgv_interrupt_control(const struct cfgv_dev *dev)
{
	return READ_ONCE(dev->irq_ctl);
}

/**
 * cfgv_priv_open() - does a privilege hold for a device
 * @dev: the device
 * @priv: the privilege a register's gated bits need
 *
 * Return: true if the gated bits may be written.
 */
bool cfgv_priv_open(const struct cfgv_dev *dev, enum cfgv_priv priv)
{
	switch (priv) {
	case CFGV_PRIV_PERMISSIVE:
		return cfgv_permissive(dev);
	case CFGV_PRIV_IRQ:
		return cfgv_interrupt_control(dev) || cfgv_permissive(dev);
	default:
		return false;
	}
}
