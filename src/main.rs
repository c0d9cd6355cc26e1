//! Trunk's entry point: mount the app and nothing else.

fn main() {
    etalase_desa::mount();
}
