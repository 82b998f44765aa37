use joined_up::session::Headless;
use joined_up::sim::{Act, Role};

use crate::common::shipped;

#[test]
fn ending_turns_plays_to_the_end() {
    let s = shipped("home_from_hospital");
    let mut h = Headless::new();
    h.start(&s, None, 1).unwrap();
    let mut guard = 0;
    while !h.is_finished() && guard < 100 {
        for r in Role::BOTH {
            let _ = h.act_as(r, Act::EndTurn);
        }
        guard += 1;
    }
    assert!(h.is_finished());
    for e in &h.log().entries {
        println!("{:>3} {:>10} {:?}", e.seq, e.slot.label(), e.kind);
    }
}
