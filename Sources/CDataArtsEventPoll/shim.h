#ifndef DATAARTS_MOCK_EVENT_POLL_SHIM_H
#define DATAARTS_MOCK_EVENT_POLL_SHIM_H

// epoll and eventfd, which Swift's Glibc module does not export; the transport's event loops
// use them on Linux (Poller+Glibc.swift). Darwin's kqueue comes with the Darwin module, so
// there this header is empty.
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif

#endif
