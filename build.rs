//! With the `split` feature, the linker keeps its relocations in the SPA's
//! wasm: wasm-split (scripts/split-wasm) needs them to move each on-demand
//! route's code into its own module.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let splitting = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if splitting && wasm {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
