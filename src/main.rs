//! Trunk's entry point for the buyer's app (index.html): mount it and nothing else.

fn main() {
    etalase_desa::mount(etalase_desa::app::App);
}
