/*
 * Minimal C references for the benchmark (bench/run.sh builds this with the system compiler):
 * the least a program can do for each job, on one socket, so our figures have a floor to compare.
 *
 *   mcref echo GROUP PORT              join, answer each datagram with "HEAR [ UPPER SAID ('a', p) ] from GROUP"
 *                                      (ASCII upper-casing only), stop on a datagram containing STOP
 *   mcref echo-recycle GROUP PORT      the same in the Python server's shape at its least: the echo goes out from
 *                                      the receiving socket, which is recycled after every request by one dup3 of a
 *                                      kept duplicate onto its descriptor (what our HEAR does on Linux)
 *   mcref recv GROUP PORT COUNT SECS   join, count datagrams until COUNT or SECS of silence; print "received N in S s"
 *   mcref send GROUP PORT COUNT RATE SIZE
 *                                      send COUNT datagrams of SIZE bytes ("%010d" numbered), RATE per second
 *                                      (0: as fast as possible), then count the distinct echoes that come back
 *                                      within one quiet second; print "sent N answered M duplicates D seconds S"
 *   mcref rtt GROUP PORT COUNT         back-to-back: send one, wait for its echo (1 s at most), repeat;
 *                                      print "p50 X p99 Y lost L" in microseconds
 *   mcref say GROUP PORT TEXT          one datagram, then exit (the process cost of a sender)
 *
 * Inside the private namespace only (bench/run.sh enters it); TTL 1.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(70);
}

static struct sockaddr_in group_address(const char *group, int port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, group, &a.sin_addr) != 1) {
        fprintf(stderr, "bad group %s\n", group);
        exit(64);
    }
    return a;
}

static int joined_socket(const char *group, int port)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0), one = 1, queue = 8 * 1024 * 1024;
    if (s < 0) die("socket");
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    /* as root, past net.core.rmem_max: the queue HEAR asks for too */
    if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &queue, sizeof queue) < 0) setsockopt(s, SOL_SOCKET, SO_RCVBUF, &queue, sizeof queue);
    struct sockaddr_in a = group_address(group, port);
    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) die("bind");
    struct ip_mreq m;
    m.imr_multiaddr = a.sin_addr;
    m.imr_interface.s_addr = htonl(INADDR_ANY);
    if (setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m, sizeof m) < 0) die("join");
    return s;
}

static int sending_socket(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0), ttl = 1, queue = 16 * 1024 * 1024;
    if (s < 0) die("socket");
    setsockopt(s, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl);
    if (setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &queue, sizeof queue) < 0) setsockopt(s, SOL_SOCKET, SO_RCVBUF, &queue, sizeof queue);
    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &queue, sizeof queue);
    return s;
}

static int echo(const char *group, int port, int recycle)
{
    int s = joined_socket(group, port), r = recycle ? s : socket(AF_INET, SOCK_DGRAM, 0);
    int spare = recycle ? fcntl(s, F_DUPFD_CLOEXEC, 0) : -1;
    if (recycle && spare < 0) die("dup");
    char in[65536], out[65536 + 128], host[INET_ADDRSTRLEN];
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof from;
        ssize_t n = recvfrom(s, in, sizeof in - 1, 0, (struct sockaddr *)&from, &len);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("recvfrom");
        }
        in[n] = 0;
        int stop = strstr(in, "STOP") != NULL;
        for (ssize_t i = 0; i < n; i++) in[i] = (char)toupper((unsigned char)in[i]);
        inet_ntop(AF_INET, &from.sin_addr, host, sizeof host);
        int m = snprintf(out, sizeof out, "HEAR [ %s SAID ('%s', %d) ] from %s", in, host, ntohs(from.sin_port), group);
        sendto(r, out, (size_t)m, 0, (struct sockaddr *)&from, len);
        if (stop) return 0;
        if (recycle && dup3(spare, s, O_CLOEXEC) < 0) die("dup3");
    }
}

static int recv_count(const char *group, int port, long count, double quiet)
{
    int s = joined_socket(group, port);
    char buf[65536];
    long got = 0;
    double first = 0, last = 0;
    struct pollfd p = {s, POLLIN, 0};
    while (got < count) {
        if (poll(&p, 1, (int)(quiet * 1000)) <= 0) break;
        if (recv(s, buf, sizeof buf, 0) >= 0) {
            last = now_s();
            if (got++ == 0) first = last;
        }
    }
    printf("received %ld in %.6f s\n", got, got > 1 ? last - first : 0.0);
    return 0;
}

struct echo_count {
    int socket;
    long count;
    char *seen;
    long answered, duplicates;
    volatile int sending;
};

/* Counts distinct echoes while the sender sends, then until one quiet second after it is done. */
static void *count_echoes(void *arg)
{
    struct echo_count *c = arg;
    char buf[65536];
    struct pollfd p = {c->socket, POLLIN, 0};
    for (;;) {
        if (poll(&p, 1, 1000) <= 0) {
            if (c->sending) continue;
            return NULL;
        }
        ssize_t n = recv(c->socket, buf, sizeof buf - 1, 0);
        if (n < 17) continue;
        buf[n] = 0;
        long id = strtol(buf + 7, NULL, 10); /* "HEAR [ 0000000042 SAID" */
        if (id < 0 || id >= c->count) continue;
        if (c->seen[id]) c->duplicates++;
        else { c->seen[id] = 1; c->answered++; }
    }
}

static int send_paced(const char *group, int port, long count, double rate, int size)
{
    int s = sending_socket();
    struct sockaddr_in a = group_address(group, port);
    char payload[65536];
    struct echo_count counter = {s, count, calloc((size_t)count, 1), 0, 0, 1};
    pthread_t reader;
    pthread_create(&reader, NULL, count_echoes, &counter);
    memset(payload, 'x', sizeof payload);
    double start = now_s();
    for (long i = 0; i < count; i++) {
        if (rate > 0) {
            double due = start + (double)i / rate;
            while (now_s() < due) { }
        }
        char id[24];
        snprintf(id, sizeof id, "%010ld", i);
        memcpy(payload, id, 10);
        sendto(s, payload, (size_t)(size < 10 ? 10 : size), 0, (struct sockaddr *)&a, sizeof a);
    }
    double seconds = now_s() - start;
    counter.sending = 0;
    pthread_join(reader, NULL);
    printf("sent %ld answered %ld duplicates %ld seconds %.6f\n", count, counter.answered, counter.duplicates, seconds);
    free(counter.seen);
    return 0;
}

static int compare_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int rtt(const char *group, int port, long count)
{
    int s = sending_socket();
    struct sockaddr_in a = group_address(group, port);
    double *times = calloc((size_t)count, sizeof *times);
    long measured = 0, lost = 0;
    char buf[65536];
    struct pollfd p = {s, POLLIN, 0};
    for (long i = 0; i < count; i++) {
        double t0 = now_s();
        sendto(s, "ping", 4, 0, (struct sockaddr *)&a, sizeof a);
        if (poll(&p, 1, 1000) > 0 && recv(s, buf, sizeof buf, 0) >= 0) times[measured++] = (now_s() - t0) * 1e6;
        else lost++;
    }
    qsort(times, (size_t)measured, sizeof *times, compare_double);
    printf("p50 %.1f p99 %.1f lost %ld\n", measured ? times[measured / 2] : 0, measured ? times[(measured * 99) / 100] : 0, lost);
    free(times);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "echo")) return echo(argv[2], atoi(argv[3]), 0);
    if (argc >= 4 && !strcmp(argv[1], "echo-recycle")) return echo(argv[2], atoi(argv[3]), 1);
    if (argc >= 6 && !strcmp(argv[1], "recv")) return recv_count(argv[2], atoi(argv[3]), atol(argv[4]), atof(argv[5]));
    if (argc >= 7 && !strcmp(argv[1], "send")) return send_paced(argv[2], atoi(argv[3]), atol(argv[4]), atof(argv[5]), atoi(argv[6]));
    if (argc >= 5 && !strcmp(argv[1], "rtt")) return rtt(argv[2], atoi(argv[3]), atol(argv[4]));
    if (argc >= 5 && !strcmp(argv[1], "say")) {
        int s = sending_socket();
        struct sockaddr_in a = group_address(argv[2], atoi(argv[3]));
        return sendto(s, argv[4], strlen(argv[4]), 0, (struct sockaddr *)&a, sizeof a) < 0 ? 70 : 0;
    }
    fprintf(stderr, "usage: see the comment at the top of mcref.c\n");
    return 64;
}
