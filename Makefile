# SPDX-License-Identifier: GPL-2.0
#
# xen-pciback-ng: safe, complete Xen PCI pass-through for Linux Dom0.
#
#   make               build the modules against the installed kernel headers
#   make check         every gate (KUnit, sparse, W=1, checkpatch, DKMS, ...)
#   make help          all targets
#
# Out-of-tree builds: KDIR defaults to the running kernel's build tree when
# it exists, else the newest Debian linux-headers-*-amd64 installed by
# scripts/prereqs.sh.

KDIR	?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
		$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
# The project's own symbols are unknown to a distro .config: set them here.
MODCONF	:= CONFIG_PCI_REALIGN=m

# kbuild reads ./Kbuild, never this file: no KERNELRELEASE branch needed
# (DKMS passes KERNELRELEASE on the command line).

all: modules

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers: run scripts/prereqs.sh" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(MODCONF) modules

modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) $(MODCONF) modules_install

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean
	find . -name '*.o' -o -name '.*.cmd' | xargs rm -f

check:
	scripts/check.sh

rooms:
	GATES=rooms scripts/check.sh

kunit:
	scripts/kunit.sh um-san $(FILTER)

kunit-fast:
	scripts/kunit.sh um $(FILTER)

bench:
	scripts/kunit.sh bench '$(or $(FILTER),xpb_bench*)'

demo:
	scripts/demo.sh

# dist/xen-pciback-ng-dkms_<version>_all.deb, built with dh-dkms
deb:
	scripts/deb.sh

# HOSTILE_COUNT random requests (default 10^7; under TCG that is hours),
# a fresh seed unless HOSTILE_SEED is given; see tests/vm/xen-pv.sh
hostile:
	XEN_STAGE=hostile XEN_HOSTILE_STOCK=1 \
	XEN_HOSTILE_COUNT=$(or $(HOSTILE_COUNT),10000000) \
	XEN_HOSTILE_SEED=$(or $(HOSTILE_SEED),$(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')) \
	VM_TIMEOUT=$(or $(VM_TIMEOUT),172800) tests/vm/xen-pv.sh

help:
	@echo 'make                build pci-realign.ko and xen-pciback.ko against $$KDIR (now: $(KDIR))'
	@echo 'make check          all gates; ends with "N passed, N failed"'
	@echo '                    GATES="kunit sparse" limits the run to some gates'
	@echo 'make kunit          KUnit on UML with KASAN+UBSAN  [FILTER=suite-glob]'
	@echo 'make kunit-fast     KUnit on UML without sanitizers [FILTER=suite-glob]'
	@echo 'make rooms          calls and includes between files: no cycle, none up a layer'
	@echo 'make bench          engine benchmarks (figures only, never fail on time)'
	@echo 'make demo           build the modules and show them working in a VM'
	@echo 'make deb            dist/xen-pciback-ng-dkms_<version>_all.deb (Debian package, dh-dkms)'
	@echo 'make hostile        the hostile guest, 10^7 random requests, new seed, on the checkers'"'"' dom0'
	@echo '                    [HOSTILE_COUNT=n HOSTILE_SEED=s] (hours under TCG; reports requests/s)'
	@echo 'make clean          remove build products from the tree'
	@echo 'cache: $${XPB_CACHE:-/var/cache/xen-pciback-ng} (kernel source, builds, ccache, VM images)'

.PHONY: all modules modules_install clean check rooms kunit kunit-fast bench demo deb hostile help
