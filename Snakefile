# portraittalker: text prompts + speech clips -> talking-head videos.
# Run: snakemake --cores all   (the profile in workflow/profiles/default is picked up)
import sys
from pathlib import Path

from snakemake.utils import min_version

sys.path.insert(0, workflow.basedir)
from portraittalker.config import check_config
from portraittalker.errors import PortraitTalkerError

min_version("8.20")


# Defaults live beside this Snakefile, so `--directory` elsewhere still finds them.
configfile: str(Path(workflow.basedir) / "config" / "config.yaml")


# The merged configuration against workflow/schemas/config.schema.yaml (every level closed, so a
# misspelt key is an error): one line naming the key, before anything is planned.
try:
    check_config(config)
except PortraitTalkerError as err:
    sys.exit(f"error: {err}")


include: "workflow/rules/common.smk"
include: "workflow/rules/head.smk"
include: "workflow/rules/speech.smk"
include: "workflow/rules/avatars.smk"
include: "workflow/rules/render.smk"
include: "workflow/rules/export.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/train.smk"


rule all:
    input:
        all_outputs,
    default_target: True


# At exit CPython's garbage collector walks every object Snakemake and its plugins imported
# (pandas, SQLAlchemy): 0.3 s of each run, a tenth of a short clip's video. They die with the
# process anyway, so a successful run freezes them out of that last collection.
onsuccess:
    import gc

    gc.freeze()
