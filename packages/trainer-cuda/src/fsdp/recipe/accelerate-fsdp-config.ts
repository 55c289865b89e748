import type { FsdpPlan } from '../fsdp-plan';
import { wrappedLayerClass } from './train-fsdp-script';

/** The port of node 0 that the other processes connect to (accelerate's own default). */
export const mainProcessPort = 29_500;

/**
 * accelerate_fsdp.yaml: an `accelerate launch` config (keys of accelerate's ClusterConfig and
 * its `--fsdp_*` launch options) with the FSDP settings of train_fsdp.py's TrainingArguments.
 */
export function accelerateFsdpConfig(plan: FsdpPlan): string {
  const { nodes, processes } = plan.launch;
  const { bf16, gradientCheckpointing } = plan.hyperparameters;
  return `# accelerate launch --config_file accelerate_fsdp.yaml train_fsdp.py (see README.md)
# Written by writeFsdpPlan of @s1/trainer-cuda; train_fsdp.py passes the same FSDP settings.
compute_environment: LOCAL_MACHINE
distributed_type: FSDP
# Quoted: YAML reads a bare no as false.
mixed_precision: '${bf16 ? 'bf16' : 'no'}'
num_machines: ${nodes}
# All processes of all machines: one a GPU.
num_processes: ${processes}
# Each machine passes its own: --machine_rank 0 on the first, 1 on the next, ...
machine_rank: 0
# Node 0's address, a placeholder on one machine; several pass --main_process_ip.
main_process_ip: 127.0.0.1
main_process_port: ${mainProcessPort}
rdzv_backend: static
same_network: true
use_cpu: false
fsdp_config:
  fsdp_version: 1
  fsdp_sharding_strategy: FULL_SHARD
  fsdp_auto_wrap_policy: TRANSFORMER_BASED_WRAP
  fsdp_transformer_layer_cls_to_wrap: ${wrappedLayerClass}
  fsdp_backward_prefetch: BACKWARD_PRE
  fsdp_forward_prefetch: false
  fsdp_use_orig_params: true
  fsdp_cpu_ram_efficient_loading: true
  fsdp_sync_module_states: true
  fsdp_activation_checkpointing: ${gradientCheckpointing}
  fsdp_offload_params: false
  # Rank 0 gathers the whole model to save it to final/.
  fsdp_state_dict_type: FULL_STATE_DICT
`;
}
