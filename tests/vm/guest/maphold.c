// SPDX-License-Identifier: GPL-2.0
/*
 * maphold FILE - a process that uses a BAR through its sysfs resource
 * file, for tests/vm/realign.sh.  Maps the first page of FILE, reads its
 * first word and prints "mapped <value>", waits for SIGUSR1, then reads
 * the word again and prints "read <value>".  If the mapping was revoked
 * meanwhile, that second read kills it with SIGBUS (exit status 135 in
 * the shell): what the realigner must do to a mapping of a BAR it moves.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* One 32-bit load the compiler may neither drop nor merge. */
static unsigned int peek(unsigned int *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void on_usr1(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	unsigned int *reg;
	sigset_t usr1, old;
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: maphold FILE\n");
		return 2;
	}
	/* Blocked until sigsuspend(), so a signal sent early is not lost. */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	sigaction(SIGUSR1, &sa, NULL);
	fd = open(argv[1], O_RDWR | O_SYNC);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	reg = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (reg == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	printf("mapped %#x\n", peek(reg));
	fflush(stdout);
	sigsuspend(&old);
	printf("read %#x\n", peek(reg));
	return 0;
}
