//! Trunk's entry point for the seller's app (penjual.html): sign-in, dashboard, editor, inbox.

fn main() {
    etalase_desa::mount(etalase_desa::app::SellerApp);
}
