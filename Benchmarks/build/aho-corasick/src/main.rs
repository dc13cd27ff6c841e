// Matches every gazetteer name over every .txt file of a folder with the aho-corasick crate and
// prints MB/s of process CPU time (the texts are read before the clock starts).
use aho_corasick::{AhoCorasickBuilder, MatchKind};
use std::{env, fs, time::Instant};

/// User + system CPU time of this process (getrusage, RUSAGE_SELF), without the libc crate.
fn cpu_seconds() -> f64 {
    let mut usage: Rusage = unsafe { std::mem::zeroed() };
    unsafe { getrusage(0, &mut usage) };
    let seconds = |tv: Timeval| tv.sec as f64 + tv.usec as f64 / 1e6;
    seconds(usage.utime) + seconds(usage.stime)
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Timeval { sec: i64, usec: i64 }

#[repr(C)]
struct Rusage { utime: Timeval, stime: Timeval, rest: [i64; 14] }

extern "C" {
    fn getrusage(who: i32, usage: *mut Rusage) -> i32;
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let names: Vec<String> = fs::read_to_string(&args[1]).unwrap().lines().filter(|l| !l.is_empty()).map(String::from).collect();
    let mut texts = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(&args[2]).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().map_or(false, |e| e == "txt")).collect();
    paths.sort();
    for p in paths { texts.push(fs::read(p).unwrap()); }
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    // The crate's default automaton (an NFA), as tupu's matcher reports them (all, overlapping) and
    // as a tokenizer would (leftmost-longest); then the DFA the crate builds only when asked.
    for (label, kind, dfa, overlapping) in [("standard, overlapping (NFA)", MatchKind::Standard, false, true),
                                           ("leftmost-longest (NFA)", MatchKind::LeftmostLongest, false, false),
                                           ("leftmost-longest (DFA)", MatchKind::LeftmostLongest, true, false)] {
        let start = Instant::now();
        let ac = AhoCorasickBuilder::new().match_kind(kind).dfa(dfa).build(&names);
        let built = start.elapsed().as_secs_f64();
        let before = cpu_seconds();
        let mut count = 0usize;
        for t in &texts {
            count += if overlapping { ac.find_overlapping_iter(t).count() } else { ac.find_iter(t).count() };
        }
        let cpu = cpu_seconds() - before;
        println!("aho-corasick 0.7, {}: {} names built in {:.0} ms; {} matches over {:.1} MB in {:.2} s CPU = {:.1} MB/s",
                 label, names.len(), built * 1e3, count, bytes as f64 / 1e6, cpu, bytes as f64 / 1e6 / cpu);
    }
}
