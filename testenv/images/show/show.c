/*
 * The test environment's tiny application image (testenv/up --with-node imports it as
 * localhost/sealwright-testenv/show:<hash>): prints an environment variable and a file, the two
 * ways a pod reads a Secret, so a test can read them with `kubectl logs`; then waits to be stopped,
 * or, given a port, answers every HTTP request on it with the same two lines (for probes and for
 * tests reaching the pod from the host).
 *
 *   show NAME PATH [PORT]   prints "env NAME=<value>" and "file PATH=<content>", one line each
 *
 * Static, no shell in the image.
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char report[8192];

static void stop(int signal) {
  (void)signal;
  _exit(0);
}

static void build_report(const char *name, const char *path) {
  const char *value = getenv(name);
  int n = snprintf(report, sizeof report, "env %s=%s\nfile %s=", name, value ? value : "<unset>",
                   path);
  if (n < 0 || (size_t)n > sizeof report - 2) {
    n = sizeof report - 2;
  }
  FILE *file = fopen(path, "r");
  if (file == NULL) {
    n += snprintf(report + n, sizeof report - n, "<unreadable>");
  } else {
    n += (int)fread(report + n, 1, sizeof report - n - 2, file);
    fclose(file);
  }
  snprintf(report + n, sizeof report - n, "\n");
}

static int serve(int port) {
  int server = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
  setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0) {
    perror("show: listen");
    return 1;
  }
  for (;;) {
    int client = accept(server, NULL, NULL);
    if (client < 0) {
      continue;
    }
    char request[1024];
    (void)read(client, request, sizeof request); /* any request gets the report */
    char head[128];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
                     strlen(report));
    (void)write(client, head, n);
    (void)write(client, report, strlen(report));
    close(client);
  }
}

int main(int argc, char **argv) {
  if (argc != 3 && argc != 4) {
    fprintf(stderr, "usage: show NAME PATH [PORT]\n");
    return 2;
  }
  /* Exit at once on SIGTERM, as pause does, so deleting the pod takes no grace period. */
  signal(SIGTERM, stop);
  signal(SIGINT, stop);
  build_report(argv[1], argv[2]);
  fputs(report, stdout);
  fflush(stdout);
  if (argc == 4) {
    return serve(atoi(argv[3]));
  }
  for (;;) {
    pause();
  }
}
