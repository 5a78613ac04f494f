/*
 * The test environment's tiny application image (testenv/up --with-node imports it as
 * localhost/sealwright-testenv/show:<hash>): prints an environment variable and a file, the two
 * ways a pod reads a Secret, then waits to be stopped, so a test can read them with `kubectl logs`.
 *
 *   show NAME PATH   prints "env NAME=<value>" and "file PATH=<content>", one line each
 *
 * Static, no libc beyond what gcc -static links, no shell in the image.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void stop(int signal) {
  (void)signal;
  _exit(0);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: show NAME PATH\n");
    return 2;
  }
  const char *value = getenv(argv[1]);
  printf("env %s=%s\n", argv[1], value ? value : "<unset>");

  printf("file %s=", argv[2]);
  FILE *file = fopen(argv[2], "r");
  if (file == NULL) {
    printf("<unreadable>");
  } else {
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, file)) > 0) {
      fwrite(buffer, 1, n, stdout);
    }
    fclose(file);
  }
  printf("\n");
  fflush(stdout);

  /* Exit at once on SIGTERM, as pause does, so deleting the pod takes no grace period. */
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  for (;;) {
    pause();
  }
}
