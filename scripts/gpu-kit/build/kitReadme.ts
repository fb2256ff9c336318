// README.md inside .gpu-kit/: what the folder is and the one command that runs it.

export function kitReadme(kit: {
  id: string;
  builtAt: string;
  commit: string;
  node: string;
  webgpu: string;
  bundles: string[];
  notInKit: string[];
}): string {
  return `# alexnet-webgpu GPU kit ${kit.id}

Built ${kit.builtAt} from commit ${kit.commit} by \`npm run gpu:kit\`: Node ${kit.node}, Dawn
(npm \`webgpu\` ${kit.webgpu}), the bundled trainer (${kit.bundles.join(', ')}), the official
Fashion-MNIST files, Debian's Vulkan loader and GL libraries, and xz.
${kit.notInKit.length ? `Not in this kit (not in the checkout when it was built): ${kit.notInKit.join(', ')}.\n` : ''}
Run it on an x86-64 Linux machine with an NVIDIA GPU and its driver, nothing else needed:

    bash run.sh --budget 480 --out OUT_DIR          # the full measurement
    bash run.sh --budget 480 --out OUT_DIR --stages mini-preset,mini-reference,alexnet-preset
                                                    # only the recipe runs (a second call)
    bash run.sh --smoke --allow-software --out DIR  # tiny configurations, any adapter

Outputs in OUT_DIR: summary.md, summary.json (rewritten after every stage), reference.json,
mini-preset.json, mini-reference.json and alexnet-preset.json (the training runs, each rewritten
after every epoch), run.log. \`bash run.sh --help\` lists the options; the project's README says
how to read the results.
`;
}
