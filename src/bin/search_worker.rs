//! Trunk's entry point for the catalog's search worker (index.html): see
//! `etalase_desa::search_worker`.

fn main() {
    #[cfg(target_arch = "wasm32")]
    etalase_desa::search_worker::worker::start();
}
