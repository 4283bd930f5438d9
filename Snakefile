# portraittalker: text prompts + speech clips -> talking-head videos.
# Run: snakemake --cores all   (the profile in workflow/profiles/default is picked up)
from pathlib import Path

from snakemake.utils import min_version, validate

min_version("8.20")


# Defaults live beside this Snakefile, so `--directory` elsewhere still finds them.
configfile: str(Path(workflow.basedir) / "config" / "config.yaml")


validate(config, str(Path(workflow.basedir) / "workflow" / "schemas" / "config.schema.yaml"))


include: "workflow/rules/common.smk"
include: "workflow/rules/speech.smk"
include: "workflow/rules/avatars.smk"
include: "workflow/rules/render.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/train.smk"


rule all:
    input:
        all_outputs,
    default_target: True
