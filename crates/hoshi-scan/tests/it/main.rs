//! hoshi-scan's integration tests: real sockets against targets the tests build themselves —
//! a network namespace joined by a veth pair (with delay, loss and a firewall made with tc and
//! nft), or loopback where namespaces cannot be made. Never any address outside this machine.

mod knowledge;
mod netns;
mod sweep;
